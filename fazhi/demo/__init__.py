"""The demo bureau, composed at the site level.

Each bounded context builds its own part of the demo (`fazhi/<app>/demo.py`) through its own actions; this
package only calls them in order. It sits above every context, so that no context imports another's
builder (the dependency direction of docs/architecture.md).
"""
