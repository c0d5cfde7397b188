"""Click commands of mutualis, one module per noun; cli.py registers them."""
