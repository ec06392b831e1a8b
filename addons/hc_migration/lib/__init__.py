"""Plain-Python units of the migration workbench: file reading, transforms, validation and
deduplication. No ORM; tested directly."""
