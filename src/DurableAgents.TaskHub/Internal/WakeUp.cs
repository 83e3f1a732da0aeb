namespace DurableAgents.TaskHub.Internal;

/// <summary>
/// Something the scheduler must look at when <see cref="Due"/> passes: an instance whose message becomes
/// visible (a timer or deferred start), a lease to expire, or an abandoned activity to hand out again.
/// Wake-ups that are no longer relevant are ignored when they fire.
/// </summary>
internal readonly record struct WakeUp(DateTime Due, object Target);
