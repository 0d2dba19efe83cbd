"""ReportLab documents (no Qt): one base renderer plus one module per document."""
