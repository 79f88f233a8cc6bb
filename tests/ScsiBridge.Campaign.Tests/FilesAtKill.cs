namespace ScsiBridge.Campaign.Tests;

/// <summary>
/// The tool's files at the moment it was killed: the ledger (the dump's mapfile or the restore's
/// record) and, for a dump, the image, copied then (the ledger first, as a crash finds it no
/// newer than what it describes), and put back once the stopped tool's own cleanup has run, so
/// that the next run finds exactly what a SIGKILL would have left.
/// </summary>
internal sealed class FilesAtKill
{
    private readonly string _ledger;
    private readonly byte[]? _ledgerBytes;
    private readonly string? _image;
    private readonly byte[]? _imageBytes;

    private FilesAtKill(string ledger, byte[]? ledgerBytes, string? image, byte[]? imageBytes)
    {
        _ledger = ledger;
        _ledgerBytes = ledgerBytes;
        _image = image;
        _imageBytes = imageBytes;
    }

    public static FilesAtKill Take(string ledger, string? image)
    {
        byte[]? ledgerBytes = File.Exists(ledger) ? File.ReadAllBytes(ledger) : null;
        byte[]? imageBytes = image != null && File.Exists(image) ? File.ReadAllBytes(image) : null;
        return new FilesAtKill(ledger, ledgerBytes, image, imageBytes);
    }

    public void PutBack()
    {
        Restore(_ledger, _ledgerBytes);
        if (_image != null) Restore(_image, _imageBytes);
    }

    private static void Restore(string path, byte[]? bytes)
    {
        if (bytes != null) File.WriteAllBytes(path, bytes);
        else File.Delete(path);
    }
}
