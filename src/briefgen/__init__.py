"""briefgen: policy-panel records to Word briefs, one-page PDFs and action lists."""

__version__ = "0.1.0"
