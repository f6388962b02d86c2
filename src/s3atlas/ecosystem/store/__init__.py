"""The ecosystem's part of the workspace store: tables, rounds, edits, queries and snapshots."""
