namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// One SCSI command of an iSCSI session as a logical unit sees it: the CDB, the data the
/// initiator sent, and the answer (status, sense, data in). The unit sets <see cref="DataIn"/>
/// and <see cref="DataInLength"/> to what the command transfers by its CDB; the connection sends
/// at most the expected length and reports the difference as a residual.
/// </summary>
internal sealed class ScsiTask
{
    public ScsiTask(byte[] cdb, int lun, int initiator, int expectedLength, string nexus = "")
    {
        Cdb = cdb;
        Lun = lun;
        Initiator = initiator;
        ExpectedLength = expectedLength;
        Nexus = nexus;
    }

    /// <summary>The I_T nexus: initiator name and ISID, which persistent reservations outlive sessions by.</summary>
    public string Nexus { get; }

    public byte[] Cdb { get; }

    public int Lun { get; }

    /// <summary>The session's initiator slot (0-7): reservations and unit attentions are per slot.</summary>
    public int Initiator { get; }

    /// <summary>The iSCSI Expected Data Transfer Length.</summary>
    public int ExpectedLength { get; }

    public byte[] DataOut { get; set; } = Array.Empty<byte>();

    public int DataOutLength { get; set; }

    public int Status { get; private set; }

    public byte[]? Sense { get; private set; }

    public byte[] DataIn { get; private set; } = Array.Empty<byte>();

    public int DataInLength { get; private set; }

    /// <summary>Bytes of data out the CDB asks for (for the overflow residual), when it asks for any.</summary>
    public int DataOutWanted { get; set; }

    public bool IsGood => Status == 0;

    public void SetDataIn(byte[] data, int length)
    {
        DataIn = data;
        DataInLength = length;
    }

    public void Fail(byte[] sense)
    {
        Status = 0x02;
        Sense = sense;
        DataInLength = 0;
    }

    public void Fail(int key, int code) => Fail(Scsi.Sense.Build(key, code));

    public void FailAt(int key, int code, long information) => Fail(Scsi.Sense.Build(key, code, information));

    /// <summary>ILLEGAL REQUEST, INVALID FIELD IN CDB, pointing at the byte.</summary>
    public void FailField(int cdbByte) => Fail(Scsi.Sense.Build(Scsi.Sense.IllegalRequest, Scsi.Sense.InvalidFieldInCdb, null, cdbByte));

    public void SetStatus(int status)
    {
        Status = status;
        Sense = null;
        DataInLength = 0;
    }
}
