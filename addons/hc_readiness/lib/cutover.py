"""Cutover runbook arithmetic in plain Python: dependency cycles, which dependencies still
hold a task back, planned ordering and completion, tested without a database."""

FINISHED = ("done", "skipped")


def find_cycle(depends):
    """A dependency cycle in ``depends`` ({task: iterable of tasks it depends on}) as a list
    of tasks [a, b, ..., a], or None when the graph is acyclic."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(depends, white)
    for start in depends:
        if colour.get(start, white) != white:
            continue
        stack = [(start, iter(depends.get(start, ())))]
        path = [start]
        colour[start] = grey
        while stack:
            node, children = stack[-1]
            for child in children:
                state = colour.get(child, white)
                if state == grey:
                    return path[path.index(child) :] + [child]
                if state == white:
                    colour[child] = grey
                    path.append(child)
                    stack.append((child, iter(depends.get(child, ()))))
                    break
            else:
                colour[node] = black
                path.pop()
                stack.pop()
    return None


def unfinished(dependency_states):
    """Dependencies that are neither done nor skipped. ``dependency_states``: {task: state}."""
    return [task for task, state in dependency_states.items() if state not in FINISHED]


def ordering_errors(planned_start, dependency_ends):
    """Dependencies planned to end after ``planned_start``. ``dependency_ends``: {task: planned
    end}; missing dates are ignored."""
    if not planned_start:
        return []
    return [task for task, end in dependency_ends.items() if end and end > planned_start]


def completion(states):
    """Percentage of tasks done or skipped; None without tasks."""
    states = list(states)
    if not states:
        return None
    return round(100.0 * sum(1 for s in states if s in FINISHED) / len(states), 2)
