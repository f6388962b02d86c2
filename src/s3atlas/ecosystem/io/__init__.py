"""Reading and writing ecosystems: workbooks and CSV folders, graph files, CORDIS extracts."""
