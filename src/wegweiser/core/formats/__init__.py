"""Date and number formats for languages Django has no locale data for (FORMAT_MODULE_PATH)."""
