using Spectre.Console.Rendering;

namespace DurableAgents.Cli.Output;

/// <summary>A column of a <see cref="FittingTable"/>.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Header">The column's header.</param>
/// <param name="Cell">The cell of a row.</param>
/// <param name="DropOrder">0: always shown; otherwise left out when the table is too wide, the highest first.</param>
/// <param name="NoWrap">True for values that must stay whole (ids, times); false lets the cell wrap when space is short.</param>
internal sealed record FittingColumn<T>(string Header, Func<T, IRenderable> Cell, int DropOrder = 0, bool NoWrap = true);
