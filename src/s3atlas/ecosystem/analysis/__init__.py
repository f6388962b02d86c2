"""Pure analyses of an ecosystem snapshot: coverage and gaps, functions, network, borrowing."""
