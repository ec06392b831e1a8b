"""Where each row read from a legacy file ends up: exactly one bucket per row, so that a
run's counts add up to the rows read (``read == sum of buckets``)."""

# (bucket, label) in the order a run shows them
BUCKETS = (
    ("valid", "Valid"),
    ("rejected", "Rejected"),
    ("pending", "Duplicates to decide"),
    ("merged", "Merged into a survivor"),
    ("apart", "Kept apart"),
    ("archived", "Archived"),
)
LOADABLE = ("valid", "loaded", "error")  # row states of a row that passed validation


def bucket(row_state, cluster_state=None):
    """The bucket of a staged row from its state and its duplicate cluster's state (None
    when it is in no cluster); None for a combination the pipeline never makes.

    - rejected: the row has a validation error (also when it is in a cluster: rows rejected
      for a field take part in deduplication, but a duplicate does not hide an error);
    - pending: a row without error in a cluster the data owner has not decided yet;
    - merged: a row without error merged into the cluster's survivor (never loaded);
    - apart: a row without error of a cluster kept apart (loaded as its own record);
    - valid: every other row without error: in no cluster, or the survivor of a merge,
      whether still to load, loaded, or in a failed load chunk;
    - archived: a row of an archive-scope file (kept searchable, never loaded).
    """
    if row_state == "rejected":
        return "rejected"
    if row_state == "archived":
        return "archived"
    if cluster_state == "pending" and (row_state == "duplicate" or row_state in LOADABLE):
        return "pending"
    if row_state == "duplicate":
        return "merged" if cluster_state == "merged" else None
    if row_state in LOADABLE:
        return "apart" if cluster_state == "apart" else "valid"
    return None


def unaccounted(read, counts):
    """How many rows read are in no bucket (negative: counted twice); 0 when they add up."""
    return read - sum(counts.get(name, 0) for name, _label in BUCKETS)
