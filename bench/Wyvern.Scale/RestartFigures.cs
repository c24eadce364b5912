namespace Wyvern.Scale;

/// <summary>A controller restart at scale (ScaleRun.TimeRestartAsync).</summary>
/// <param name="InSync">From the new controller's start until it was in sync with the store's last revision.</param>
/// <param name="BeforeBytes">The process's working set once the first controller had stopped and its memory was collected (0 for a fresh process).</param>
/// <param name="PeakBytes">The process's peak working set from then until in sync.</param>
/// <param name="FlowMods">Flow mods the new controller sent (the switch already held every desired flow).</param>
public sealed record RestartFigures(TimeSpan InSync, long BeforeBytes, long PeakBytes, long FlowMods);
