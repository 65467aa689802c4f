from tilsyn.cases.access import reads_audit_log, reads_cases


def navigation(request):
    """What the header offers: the case pages only to those who may read cases, the audit log to the security
    officer."""
    return {"reads_cases": reads_cases(request.user), "reads_audit_log": reads_audit_log(request.user)}
