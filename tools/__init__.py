"""Development tools: the benchmark. Not shipped in the wheel."""
