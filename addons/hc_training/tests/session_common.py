from datetime import datetime, timedelta

from .common import HcTrainingCommon


class HcSessionCommon(HcTrainingCommon):
    """Site A (UTC) with day 07-15, evening 15-23 and night 23-07 shifts; Erin and Finn work
    nights, Iris works days; all three need the instructor-led step of the stores path."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shifts = cls._create_shifts(cls.site_a)
        cls.night = cls.shifts["night"]
        cls.day = cls.shifts["day"]
        cls.shifts_b = cls._create_shifts(cls.site_b)
        (cls.emp | cls.emp_2).hc_shift_id = cls.night
        cls.emp_user_3 = cls._create_user("hc_t_emp3", sites=cls.site_a)
        cls.emp_3 = cls._create_employee(
            "Iris Stores",
            site=cls.site_a,
            department=cls.dep_stores,
            job=cls.job_stores,
            user=cls.emp_user_3,
            shift=cls.day,
        )
        cls.emp_b.hc_shift_id = cls.shifts_b["night"]
        cls.trainer_a2 = cls._create_user(
            "hc_t_trainer_a2", groups="hc_training.group_trainer", sites=cls.site_a
        )
        # a fixed night far from today: 02:00-03:30 UTC
        cls.night_start = datetime(2031, 3, 11, 2, 0)
        cls.night_stop = cls.night_start + timedelta(hours=1, minutes=30)
        cls.day_start = datetime(2031, 3, 11, 10, 0)

    @classmethod
    def _session(cls, start=None, stop=None, trainer=None, site=None, **vals):
        start = start or cls.night_start
        return cls.env["hc.training.session"].create(
            dict(
                {
                    "step_id": cls.step_session.id,
                    "site_id": (site or cls.site_a).id,
                    "trainer_id": (trainer or cls.trainer_a).id,
                    "start": start,
                    "stop": stop or start + timedelta(hours=1, minutes=30),
                    "location": "Stores training room",
                },
                **vals,
            )
        )

    @classmethod
    def _invite(cls, session, employee, **vals):
        return cls.env["hc.training.session.attendee"].create(
            dict({"session_id": session.id, "employee_id": employee.id}, **vals)
        )
