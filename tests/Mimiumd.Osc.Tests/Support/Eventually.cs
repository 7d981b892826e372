namespace Mimiumd.Osc.Tests.Support;

internal static class Eventually
{
    /// <summary>Generous, because CI machines are shared; only failing tests ever wait this long.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Polls a condition a bounded number of times, for counters updated on another thread.</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return condition();
    }
}
