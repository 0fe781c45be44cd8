"""The markdown bank format: models, parser, validator and bundled banks."""
