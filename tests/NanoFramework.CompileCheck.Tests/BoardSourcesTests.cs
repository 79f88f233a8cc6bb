using System.IO;
using System.Linq;
using Xunit;

namespace NanoFramework.CompileCheck.Tests
{
    /// <summary>
    /// The real sources meant for the board, compiled in memory exactly as
    /// NanoFramework.CompileCheck.csproj compiles them on disk, warnings as errors included
    /// (Directory.Build.props turns them into errors). `dotnet test` alone thus proves the check.
    /// </summary>
    public class BoardSourcesTests
    {
        // Keep in step with the Compile items of NanoFramework.CompileCheck.csproj.
        private static readonly string[] BoardFolders =
        {
            Path.Combine("hal", "ScsiBridge.Hal"),
            Path.Combine("hal", "ScsiBridge.Hal.Esp32"),
            "firmware",
            Path.Combine("host-tools", "ScsiBridge.Protocol"),
        };

        [Fact]
        public void BoardSourcesBuildAgainstTheNanoFrameworkSurface()
        {
            string[] files = BoardFolders
                .SelectMany(NanoCompiler.SourceFiles)
                .Where(f => !IsTestSource(f))
                .ToArray();
            Assert.Contains(files, f => Path.GetFileName(f) == "IScsiController.cs");
            Assert.Contains(files, f => Path.GetFileName(f) == "PinLoopbackTests.cs");
            Assert.Contains(files, f => Path.GetFileName(f) == "BoardPins.cs");
            Assert.Contains(files, f => Path.GetFileName(f) == "Esp32Controller.cs");
            Assert.Contains(files, f => Path.GetFileName(f) == "NativeController.cs");
            Assert.Single(files, f => Path.GetFileName(f) == "BoardHal.cs");

            CompileResult result = NanoCompiler.CompileFiles(files, warningsAsErrors: true);

            Assert.True(result.Errors.Count == 0, "sources meant for the board use what nanoFramework 1.x lacks:\n" + result.Describe());
            Assert.NotNull(result.Compilation.GetTypeByMetadataName("ScsiBridge.Hal.Completion"));
        }

        // A .NET-only test project under firmware/ would be named *.Tests; the board's own
        // self-tests (ScsiBridge.SelfTests) run on the board and are checked. Dotnet/ folders
        // hold the .NET stand-ins for board-only files.
        private static bool IsTestSource(string path)
        {
            string relative = Path.GetRelativePath(NanoCompiler.RepositoryRoot, path).Replace('\\', '/');
            return relative.Split('/').Any(part => part.EndsWith(".Tests") || part.Contains(".Tests.") || part == "Dotnet");
        }
    }
}
