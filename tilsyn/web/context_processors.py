from tilsyn.cases.access import reads_cases


def navigation(request):
    """What the header offers: the case pages only to those who may read cases."""
    return {"reads_cases": reads_cases(request.user)}
