using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using ScsiBridge.Board;
using Xunit;

namespace ScsiBridge.Board.Tests;

/// <summary>The files that come from board/pins.csv are what the map says, now.</summary>
public class GeneratedFilesTests
{
    [Fact]
    public void EveryGeneratedFileIsUpToDate()
    {
        IReadOnlyDictionary<string, string> expected = GeneratedFiles.All(RealBoard.Map);

        Assert.Equal(4, expected.Count);
        foreach (KeyValuePair<string, string> file in expected)
        {
            string path = Path.Combine(RealBoard.Root, file.Key);
            Assert.True(File.Exists(path), file.Key + " is missing: run dotnet run --project board/ScsiBridge.Board -- generate");
            Assert.True(File.ReadAllText(path) == file.Value, file.Key + " is stale: run dotnet run --project board/ScsiBridge.Board -- generate");
        }
    }

    [Fact]
    public void AChangedMapChangesBothPinTables()
    {
        PinMap moved = PinMap.Parse(RealBoard.Text.Replace("\nREQ,14,", "\nREQ,2,").Replace("\nBSY_DRV,2,", "\nBSY_DRV,14,"));
        Assert.Empty(PinMapValidator.Validate(moved));

        Assert.Contains("public const int Req = 2;", GeneratedFiles.FirmwarePinsText(moved), StringComparison.Ordinal);
        Assert.Contains("{1u << 8, 2, 2, kWiringControl, kDrivenByTarget, false},  // REQ", GeneratedFiles.NativePinsText(moved), StringComparison.Ordinal);
        Assert.Contains("{1u << 0, 1, 14, kWiringWiredOr, kDrivenByBoth, false},  // BSY", GeneratedFiles.NativePinsText(moved), StringComparison.Ordinal);
    }

    [Fact]
    public void FirmwareNamesFollowTheNets()
    {
        Assert.Equal("DataOeN", GeneratedFiles.Pascal("DATA_OE_N"));
        Assert.Equal("Db0", GeneratedFiles.Pascal("DB0"));
        Assert.Equal("BsyDrv", GeneratedFiles.Pascal("BSY_DRV"));
        string text = GeneratedFiles.FirmwarePinsText(RealBoard.Map);
        Assert.Contains("public const int StatusLed = 48;", text, StringComparison.Ordinal);
        Assert.Contains("public const bool DataOeNActiveHigh = false;", text, StringComparison.Ordinal);
        Assert.Contains("public static readonly int[] DataBundle = { 4, 5, 6, 7, 8, 9, 10, 11 };", text, StringComparison.Ordinal);
    }

    // The native table is freestanding C++17 (no libc beyond stdint.h) and its line masks are
    // the controller's: a static_assert per line against sb/lines.h.
    [Fact]
    public void NativePinTableCompilesFreestandingAndMatchesTheLineMasks()
    {
        string native = Path.Combine(RealBoard.Root, "hal", "native");
        string folder = Directory.CreateTempSubdirectory("board-pins-").FullName;
        try
        {
            string source = Path.Combine(folder, "check.cpp");
            var lines = new List<string> { "#include \"sb/lines.h\"", "#include \"sb/board_pins.h\"" };
            string[] constants = { "kBsy", "kSel", "kAtn", "kAck", "kRst", "kMsg", "kCd", "kIo", "kReq" };
            for (int i = 0; i < constants.Length; i++)
            {
                lines.Add("static_assert(sb::board::kLinePins[" + i + "].line == sb::" + constants[i] + ", \"" + constants[i] + "\");");
            }

            for (int bit = 0; bit < 8; bit++)
            {
                lines.Add("static_assert(sb::board::kLinePins[" + (9 + bit) + "].line == (1u << (sb::kDataShift + " + bit + ")), \"DB" + bit + "\");");
                lines.Add("static_assert(sb::board::kLinePins[" + (9 + bit) + "].sense_gpio == sb::board::kDataBundleGpio[" + bit + "], \"bundle\");");
            }

            lines.Add("static_assert(sb::board::kLinePins[17].line == sb::kDbp, \"DBP\");");
            File.WriteAllLines(source, lines);

            var start = new ProcessStartInfo("g++")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (string arg in new[]
            {
                "-std=c++17", "-ffreestanding", "-fno-exceptions", "-fno-rtti", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                "-I", Path.Combine(native, "core", "include"), "-I", Path.Combine(native, "esp32s3", "include"), source,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using Process gxx = Process.Start(start)!;
            string errors = gxx.StandardError.ReadToEnd();
            gxx.WaitForExit();
            Assert.True(gxx.ExitCode == 0, "g++ refused the pin table:\n" + errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
