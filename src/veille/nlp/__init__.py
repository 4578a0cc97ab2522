"""The NLP stage: Article -> Record, through spaCy and veille's own components."""
