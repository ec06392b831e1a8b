"""Messages of the pure library (transforms, validation) that the models translate.

A :class:`Reason` is the English message (it *is* a ``str``: logs, tests and callers that
only read it see the text) that keeps its template and parameters, so a model shows it in
the user's language with ``self.env._(reason.template, **reason.params)`` (see
``hc.migration.run._reason_text``). Templates are marked with ``_lt`` so that Odoo's
translation export (which extracts ``_`` and ``_lt`` calls) finds them in this module.
"""


def _lt(template):
    """Mark ``template`` for translation (the model translates it at display time)."""
    return template


class Reason(str):
    """An English message built from a translatable template and named parameters."""

    template: str
    params: dict

    def __new__(cls, template, **params):
        text = template % params if params else template
        reason = super().__new__(cls, text)
        reason.template = template
        reason.params = params
        return reason

    def __reduce__(self):
        return (str, (str(self),))


def translate(gettext, message):
    """``message`` in the user's language: a :class:`Reason` (or an exception of the library
    carrying one, such as ``reader.FileRejected``) through ``gettext`` (a model's
    ``self.env._``) with its template and parameters; anything else as its text."""
    if isinstance(message, BaseException) and message.args:
        message = message.args[0]
    if isinstance(message, Reason):
        return gettext(message.template, **message.params)
    return str(message)
