"""The schema library that Home Assistant validates with.

Home Assistant 2026.10 validates with probatio and makes `import voluptuous`
return probatio; older releases use voluptuous itself. Importing voluptuous
is therefore right on both at run time, but the type checker, which reads the
newest release, must see the probatio that schemas are handed to.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import probatio as vol
else:
    import voluptuous as vol

__all__ = ["vol"]
