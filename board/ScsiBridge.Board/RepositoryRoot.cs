using System.IO;

namespace ScsiBridge.Board;

/// <summary>Finds the repository root: the folder that holds ScsiBridge.sln.</summary>
public static class RepositoryRoot
{
    public static string? Find(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ScsiBridge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName;
    }
}
