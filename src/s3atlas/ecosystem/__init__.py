"""Innovation-ecosystem domain: the map of a region's actors, support functions and links.

Three sub-packages, one direction of dependency (``analysis`` and ``io`` read
what ``store`` holds, never the other way round):

``store``
    the tables of the map (:mod:`~s3atlas.ecosystem.store.models`), editing
    actors, provisions and links, copy-on-new-round rounds, round diffs,
    queries and :class:`EcosystemSnapshot`, the plain-DataFrame contract
    between the store and everything that reads an ecosystem.
``analysis``
    pure analyses of a snapshot: coverage and gaps, system-common and
    system-unique functions, the actor network, borrowable capacity.
``io``
    workbooks and CSV folders, graph files (GEXF, GraphML, Kumu), CORDIS.

Regions, rounds and the audit log that every area shares are in
:mod:`s3atlas.store`; :mod:`s3atlas.ecosystem.demo` loads the demo ecosystem.
"""

from s3atlas.ecosystem.analysis.borrowing import (
    area_themes,
    borrow_candidates,
    borrowable_offers,
    published_maps,
)
from s3atlas.ecosystem.analysis.coverage import (
    DEFAULT_GAP_RULES,
    coverage_by_function,
    coverage_by_phase,
    find_gaps,
    functions_in_phase,
)
from s3atlas.ecosystem.analysis.functions import (
    CLASSES,
    classify_actors,
    classify_functions,
    classify_share,
)
from s3atlas.ecosystem.analysis.network import (
    QUADRANTS,
    actor_graph,
    cross_links,
    network_measures,
    orchestrator_candidates,
    stakeholder_quadrants,
)
from s3atlas.ecosystem.io.cordis_import import import_cordis, plan_cordis
from s3atlas.ecosystem.io.graph import import_file, read_graph, to_graph, to_kumu, write_graph
from s3atlas.ecosystem.io.tables import (
    read_snapshot,
    read_tables,
    save_snapshot,
    write_csv_folder,
    write_workbook,
)
from s3atlas.ecosystem.store.actors import (
    DuplicateActorError,
    add_actor,
    merge_actors,
    normalise_name,
    normalise_org_number,
    remove_actor,
    update_actor,
)
from s3atlas.ecosystem.store.diff import diff
from s3atlas.ecosystem.store.queries import (
    actors_frame,
    build_snapshot,
    provisions_frame,
    store_summary,
)
from s3atlas.ecosystem.store.rounds import close_round, open_round, rounds_frame
from s3atlas.ecosystem.store.service import (
    add_area,
    add_insight,
    add_link,
    add_provision,
    remove_link,
    remove_provision,
    update_provision,
)
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot, example_snapshot
from s3atlas.ecosystem.store.vocabulary import resolve_term, seed_vocabulary, vocabulary_frame

__all__ = [
    "CLASSES",
    "DEFAULT_GAP_RULES",
    "QUADRANTS",
    "DuplicateActorError",
    "EcosystemSnapshot",
    "actor_graph",
    "actors_frame",
    "add_actor",
    "add_area",
    "add_insight",
    "add_link",
    "add_provision",
    "area_themes",
    "borrow_candidates",
    "borrowable_offers",
    "build_snapshot",
    "classify_actors",
    "classify_functions",
    "classify_share",
    "close_round",
    "coverage_by_function",
    "coverage_by_phase",
    "cross_links",
    "diff",
    "example_snapshot",
    "find_gaps",
    "functions_in_phase",
    "import_cordis",
    "import_file",
    "merge_actors",
    "network_measures",
    "normalise_name",
    "normalise_org_number",
    "open_round",
    "orchestrator_candidates",
    "plan_cordis",
    "provisions_frame",
    "published_maps",
    "read_graph",
    "read_snapshot",
    "read_tables",
    "remove_actor",
    "remove_link",
    "remove_provision",
    "resolve_term",
    "rounds_frame",
    "save_snapshot",
    "seed_vocabulary",
    "stakeholder_quadrants",
    "store_summary",
    "to_graph",
    "to_kumu",
    "update_actor",
    "update_provision",
    "vocabulary_frame",
    "write_csv_folder",
    "write_graph",
    "write_workbook",
]
