"""A button shown is a button allowed: no role sees a button whose method refuses that role.

Generated from the registry and the views: for every form and list view of every ``hc.*`` model
and each demo role of ``role_table.ROLE_USERS``, the view is rendered as that role (Odoo drops the
nodes whose ``groups`` the role lacks) and each object button left in it is checked against the
groups its method is restricted to (``@restricted_to``). A new view, button or method is covered
without new test code.
"""

from lxml import etree

from odoo.tests import TransactionCase, tagged

from .role_table import ROLE_USERS


@tagged("post_install", "-at_install")
class TestButtonsFollowRoles(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        cls.users = {}
        for login, groups in ROLE_USERS.items():
            user = cls.env["res.users"].search([("login", "=", login)])
            if not user:
                user = (
                    cls.env["res.users"]
                    .with_context(no_reset_password=True)
                    .create(
                        {
                            "name": login.title(),
                            "login": f"{login}_buttons",
                            "company_id": company.id,
                            "company_ids": [(6, 0, company.ids)],
                            "group_ids": [
                                (6, 0, [cls.env.ref(g).id for g in groups]),
                            ],
                        }
                    )
                )
            cls.users[login] = user

    def _views(self):
        return self.env["ir.ui.view"].search(
            [
                ("model", "=like", "hc.%"),
                ("type", "in", ("form", "list")),
                ("mode", "=", "primary"),
            ]
        )

    def test_no_role_sees_a_button_its_method_refuses(self):
        shown_refused = []
        checked = 0
        for view in self._views():
            model_cls = type(self.env[view.model])
            for login, user in self.users.items():
                Model = self.env[view.model].with_user(user)
                if not Model.has_access("read"):
                    continue
                arch = Model.get_view(view.id, view.type)["arch"]
                for button in etree.fromstring(arch).iter("button"):
                    name = button.get("name")
                    if button.get("type") != "object" or not name:
                        continue
                    if button.get("invisible") in ("1", "True", "true"):
                        continue
                    groups = getattr(getattr(model_cls, name, None), "_hc_groups", None)
                    if groups is None:
                        continue
                    checked += 1
                    if not any(user.has_group(g) for g in groups):
                        shown_refused.append(
                            f"{login} sees {view.model}.{name} in {view.xml_id or view.name}"
                            f" (allowed: {', '.join(groups)})"
                        )
        self.assertTrue(checked, "the suite's views carry role-restricted buttons")
        self.assertFalse(sorted(set(shown_refused)), "\n".join(sorted(set(shown_refused))))
