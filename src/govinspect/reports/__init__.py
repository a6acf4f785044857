"""Report writers, one module per format, all reading one campaign result."""
