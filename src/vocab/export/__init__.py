"""Writers and renderers: everything that turns vocab's records into text or files."""
