"""Entities: known-alias ruler, linking to the knowledge base, document-local entities."""
