"""Doors onto the core: the CLI, renderers (terminal, HTML) and exports."""
