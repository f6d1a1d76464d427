using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Infrastructure;

public sealed class StudyPageOpenerTests
{
    [Fact]
    public void WithoutADesktopItOnlyPrintsThePath()
    {
        using var temp = new TempDirectory();
        string page = temp.Combine("index.html");
        File.WriteAllText(page, "<!DOCTYPE html>");
        var output = new StringWriter();

        bool opened = StudyPageOpener.Open(page, output, Environment(temp, display: null));

        Assert.False(opened);
        Assert.Equal($"Study page: {page}{System.Environment.NewLine}", output.ToString());
        Assert.False(File.Exists(temp.Combine("opened.txt")));
    }

    [SkippableFact]
    public void OnADesktopItHandsThePageToXdgOpen()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "xdg-open is a Linux desktop's opener");
        using var temp = new TempDirectory();
        string page = temp.Combine("index.html");
        File.WriteAllText(page, "<!DOCTYPE html>");
        string opener = temp.Combine("bin", "xdg-open");
        Directory.CreateDirectory(Path.GetDirectoryName(opener)!);
        File.WriteAllText(opener, $"#!/bin/sh\nprintf '%s' \"$1\" > '{temp.Combine("opened.txt")}'\n");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(opener, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        bool opened = StudyPageOpener.Open(page, new StringWriter(), Environment(temp, display: ":0"));

        Assert.True(opened);
        string marker = temp.Combine("opened.txt");
        SpinWait.SpinUntil(() => File.Exists(marker) && new FileInfo(marker).Length > 0, TimeSpan.FromSeconds(10));
        Assert.Equal(page, File.ReadAllText(marker));
    }

    [Fact]
    public void AMissingPageIsOneErrorNamingIt()
    {
        using var temp = new TempDirectory();
        string page = temp.Combine("index.html");

        var error = Assert.Throws<VideoSegException>(() => StudyPageOpener.Open(page, new StringWriter(), Environment(temp, display: ":0")));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(page, error.Path);
    }

    private static Func<string, string?> Environment(TempDirectory temp, string? display)
    {
        var variables = new Dictionary<string, string?> { ["DISPLAY"] = display, ["WAYLAND_DISPLAY"] = null, ["PATH"] = temp.Combine("bin") };
        return name => variables.GetValueOrDefault(name);
    }
}
