"""Layer 3, rendering a page: what a page collects, the macros, the sandbox a page runs in,
and the HTML, charts and checks of its content."""
