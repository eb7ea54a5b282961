"""The annual work summary (工作总结): a report model, its sections, and its renderers.

Rendering to Word, Excel and charts needs the ``reports`` extra
(``pip install schoolwork[reports]``); Markdown and HTML need nothing more.
"""
