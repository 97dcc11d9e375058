"""factcheck's built-in rules: a plugin package registered under the
``factcheck.checks`` entry-point group exactly like a third-party one."""
