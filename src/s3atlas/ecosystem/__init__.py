"""Innovation-ecosystem domain: the workspace store of actors, functions, links and mapping
rounds."""
