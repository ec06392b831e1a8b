"""Cycle detection for step prerequisites."""


def find_cycle(edges):
    """Return one cycle as a list of nodes (first == last), or None.

    ``edges`` maps a node to the nodes it depends on. Iterative DFS, so a long chain of
    prerequisites cannot overflow the stack.
    """
    white, grey, black = 0, 1, 2
    colour = {}
    for start in edges:
        if colour.get(start, white) != white:
            continue
        stack = [(start, iter(edges.get(start, ())))]
        path = [start]
        colour[start] = grey
        while stack:
            node, children = stack[-1]
            for child in children:
                state = colour.get(child, white)
                if state == grey:
                    return [*path[path.index(child) :], child]
                if state == white:
                    colour[child] = grey
                    path.append(child)
                    stack.append((child, iter(edges.get(child, ()))))
                    break
            else:
                colour[node] = black
                stack.pop()
                path.pop()
    return None
