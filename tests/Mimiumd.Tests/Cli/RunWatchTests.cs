namespace Mimiumd.Tests.Cli;

public class RunWatchTests
{
    [Fact]
    public void RunWatchSwapsOnSaveAndReportsWhatWasKept()
    {
        var dir = Directory.CreateTempSubdirectory("mimiumd-watch-");
        try
        {
            var file = Path.Combine(dir.FullName, "live.mmm");
            File.WriteAllText(file, "fn counter(){ self + 1.0 }\nfn dsp(){ counter() * 0.0 }\n");
            using var run = new CliProcess("run", file, "--watch", "--audio", "null");
            Assert.True(run.WaitForOutput("watching for changes", TimeSpan.FromSeconds(30)), run.Output + run.Error);
            Assert.Contains("version 1", run.Output);

            File.WriteAllText(file, "fn counter(){ self + 1.0 }\nfn dsp(){ counter() * 0.0 + 0.0 }\n");
            Assert.True(run.WaitForOutput("version 2: kept 2 state nodes (1 words)", TimeSpan.FromSeconds(20)), run.Output + run.Error);

            File.WriteAllText(file, "fn dsp(){ oops }\n");
            Assert.True(run.WaitForOutput("", TimeSpan.FromSeconds(1)));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (!run.Error.Contains("unbound variable", StringComparison.Ordinal) && DateTime.UtcNow < deadline) Thread.Sleep(50);
            Assert.Contains("live.mmm:1:11: error MM2001: unbound variable `oops`", run.Error);
            Assert.Contains("version 2 keeps playing", run.Error);

            run.Terminate();
            Assert.Equal(0, run.WaitForExit(TimeSpan.FromSeconds(20)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void RenderWritesTheReferenceCsvForm()
    {
        var dir = Directory.CreateTempSubdirectory("mimiumd-render-");
        try
        {
            var file = Path.Combine(dir.FullName, "c.mmm");
            File.WriteAllText(file, "fn counter(){ self + 1.0 }\nfn dsp(){ (counter(), counter() / 8.0) }\n");
            var csv = Path.Combine(dir.FullName, "out.csv");
            using var render = new CliProcess("render", file, "--output", csv, "--times", "3");
            Assert.Equal(0, render.WaitForExit(TimeSpan.FromSeconds(30)));
            Assert.Equal("ch0,ch1\n1.0,0.125\n2.0,0.25\n3.0,0.375\n", File.ReadAllText(csv));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void RenderExitsNonZeroWithACaretForBrokenCode()
    {
        var dir = Directory.CreateTempSubdirectory("mimiumd-render-");
        try
        {
            var file = Path.Combine(dir.FullName, "bad.mmm");
            File.WriteAllText(file, "fn dsp(){\n  1.0 + \"a\"\n}\n");
            using var render = new CliProcess("render", file, "--output-format", "csv", "--times", "1");
            Assert.Equal(1, render.WaitForExit(TimeSpan.FromSeconds(30)));
            Assert.Contains("bad.mmm:2:", render.Error);
            Assert.Contains("error MM2002", render.Error);
            Assert.Contains("^", render.Error);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
