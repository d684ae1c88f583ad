"""File formats: each module maps the catalog model to one format and back."""
