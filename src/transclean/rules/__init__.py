"""Code rules, one module per stage, each named for the defects it repairs."""
