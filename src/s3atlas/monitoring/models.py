"""Store tables of monitoring: strategies, indicators with baselines and targets, actions, values.

Created by the Alembic branch ``monitoring`` (revisions ``mon_0001``, ``mon_0002``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from s3atlas.store import Base

__all__ = ["Action", "IndicatorRow", "Strategy", "ValueRow"]


class Strategy(Base):
    """A region's strategy: name, period and version."""

    __tablename__ = "mon_strategies"
    __table_args__ = (UniqueConstraint("county_code", "version", name="uq_mon_strategies_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    county_code: Mapped[str] = mapped_column(String(2), index=True)
    name: Mapped[str] = mapped_column(String(300))
    start_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    source: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IndicatorRow(Base):
    """A region's indicator: definition, the priority or goal it follows, baseline and target."""

    __tablename__ = "mon_indicators"
    __table_args__ = (UniqueConstraint("county_code", "code", name="uq_mon_indicators_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    county_code: Mapped[str] = mapped_column(String(2), index=True)
    code: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    goal: Mapped[str] = mapped_column(String(500), default="")
    objective: Mapped[str] = mapped_column(Text, default="")
    name_sv: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str] = mapped_column(String(500))
    unit: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(500), default="")
    definition: Mapped[str] = mapped_column(Text, default="")
    direction: Mapped[str] = mapped_column(String(10), default="higher")
    statistic: Mapped[str] = mapped_column(String(300), default="")
    baseline_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    baseline_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    target_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    #: Milestones as ``year:value`` pairs separated by ``;``.
    milestones: Mapped[str] = mapped_column(String(500), default="")
    example: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Action(Base):
    """An action or instrument under a priority: owner, budget and period."""

    __tablename__ = "mon_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    county_code: Mapped[str] = mapped_column(String(2), index=True)
    goal: Mapped[str] = mapped_column(String(500), default="")
    name: Mapped[str] = mapped_column(String(500))
    owner: Mapped[str] = mapped_column(String(300), default="")
    budget: Mapped[float | None] = mapped_column(Float, nullable=True)
    start_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: When the row was last written (the data fingerprint reads its maximum).
    updated_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True, index=True
    )


class ValueRow(Base):
    """One value of an indicator for a region and year, with its source and flag."""

    __tablename__ = "mon_values"
    __table_args__ = (
        UniqueConstraint("county_code", "indicator", "year", name="uq_mon_values_cell"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    county_code: Mapped[str] = mapped_column(String(2), index=True)
    indicator: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    flag: Mapped[str] = mapped_column(String(20), default="ok")
    source: Mapped[str] = mapped_column(String(500), default="")
    retrieved: Mapped[str] = mapped_column(String(30), default="")
    #: When the row was last written (the data fingerprint reads its maximum).
    updated_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True, index=True
    )
