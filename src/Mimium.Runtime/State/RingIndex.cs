using System.Runtime.CompilerServices;

namespace Mimium.Runtime.State;

/// <summary>
/// A delay node's read and write indices are integers stored in the bits of their state words
/// (0.0 and index 0 share the all-zero pattern, so fresh state is a valid empty ring).
/// </summary>
public static class RingIndex
{
    public static int Get(double[] words, int at) => (int)Unsafe.As<double, long>(ref words[at]);

    public static void Set(double[] words, int at, int index) => Unsafe.As<double, long>(ref words[at]) = index;
}
