"""The linter (DESIGN §8): declarative rules over parsed documents, with reporters."""
