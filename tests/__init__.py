"""The test suite, a package so that `tests.*` always means ours (a library's own top-level
`tests` package on the path cannot shadow it)."""
