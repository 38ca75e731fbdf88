namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// Shared boxes for the small integers results are made of (counts, page sizes, indexes), so that serving an <c>Int</c> field
/// does not allocate. Boxes are immutable, so one box per value can be handed to every request.
/// </summary>
internal static class Boxes
{
    private const int Min = -128;
    private const int Max = 4095;

    private static readonly object[] Int32Boxes = CreateInt32Boxes();

    /// <summary>A box of <paramref name="value"/>: a shared one for <c>-128…4095</c>, a new one otherwise.</summary>
    public static object Int32(int value) => (uint)(value - Min) < (uint)Int32Boxes.Length ? Int32Boxes[value - Min] : value;

    private static object[] CreateInt32Boxes()
    {
        var boxes = new object[Max - Min + 1];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = i + Min;
        }

        return boxes;
    }
}
