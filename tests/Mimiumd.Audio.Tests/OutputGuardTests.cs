namespace Mimiumd.Audio.Tests;

public class OutputGuardTests
{
    [Fact]
    public void Replaces_non_finite_with_silence_and_clips_at_the_ceiling()
    {
        var guard = new OutputGuard();
        float[] block = [0.5f, float.NaN, 2f, -3f, float.PositiveInfinity, float.NegativeInfinity, -1f, 1f, 0.25f];
        guard.Process(block);
        Assert.Equal([0.5f, 0f, 1f, -1f, 0f, 0f, -1f, 1f, 0.25f], block);
        Assert.Equal(3, guard.NonFiniteSamples);
        Assert.Equal(2, guard.ClippedSamples);
        Assert.Equal(1, guard.ClippedBlocks);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(1027)]
    public void Vector_and_scalar_paths_agree_on_every_position(int length)
    {
        var guard = new OutputGuard(0.5f);
        var rng = new Random(length);
        var block = new float[length];
        for (int i = 0; i < length; i++)
            block[i] = (float)(rng.NextDouble() * 2 - 1);
        block[length - 1] = float.NaN;
        block[length / 2] = 0.75f;
        var expected = block.Select(x => float.IsFinite(x) ? Math.Clamp(x, -0.5f, 0.5f) : 0f).ToArray();
        int loud = block.Count(x => float.IsFinite(x) && Math.Abs(x) > 0.5f);
        guard.Process(block);
        Assert.Equal(expected, block);
        Assert.Equal(loud, guard.ClippedSamples);
        Assert.Equal(1, guard.NonFiniteSamples);
    }

    [Fact]
    public void Counts_one_burst_per_run_of_bad_blocks()
    {
        var guard = new OutputGuard();
        float[] good = [0.1f, 0.2f];
        foreach (bool bad in new[] { true, true, true, false, false, true, false, true, true })
        {
            float[] block = bad ? [float.NaN, 0f] : (float[])good.Clone();
            guard.Process(block);
            Assert.Equal(bad, guard.InNonFiniteBurst);
        }
        Assert.Equal(3, guard.NonFiniteBursts);
        Assert.Equal(6, guard.NonFiniteBlocks);
        Assert.Equal(6, guard.NonFiniteSamples);
    }

    [Fact]
    public void Ceiling_must_be_positive_and_finite()
    {
        var guard = new OutputGuard();
        Assert.Throws<ArgumentOutOfRangeException>(() => guard.Ceiling = 0f);
        Assert.Throws<ArgumentOutOfRangeException>(() => guard.Ceiling = float.NaN);
        guard.Ceiling = 0.8f;
        float[] block = [0.9f];
        guard.Process(block);
        Assert.Equal(0.8f, block[0]);
    }

    [Fact]
    public void Processing_allocates_nothing()
    {
        var guard = new OutputGuard();
        var block = new float[512];
        block[7] = float.NaN;
        block[100] = 5f;
        guard.Process(block);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            block[7] = float.NaN;
            block[100] = 5f;
            guard.Process(block);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
