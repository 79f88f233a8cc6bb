namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// One command a host sent to the bridge as target, and what the logical unit answers. Made
    /// once by the target engine and reused: serving a command allocates nothing.
    /// </summary>
    public sealed class TargetCommand
    {
        public const int MaxCdbLength = 16;

        public byte[] Cdb { get; private set; } = new byte[MaxCdbLength];

        public int CdbLength { get; internal set; }

        public int Lun { get; internal set; }

        /// <summary>The host's SCSI ID, or -1 when a SCSI-1 host did not give it.</summary>
        public int InitiatorId { get; internal set; }

        /// <summary>The SCSI ID the bridge was selected as.</summary>
        public int TargetId { get; internal set; }

        /// <summary>The host may let the bridge disconnect (IDENTIFY bit 6).</summary>
        public bool MayDisconnect { get; internal set; }

        // ---- the answer ----

        /// <summary>The status byte to send (GOOD unless the unit says otherwise).</summary>
        public int Status { get; set; }

        /// <summary>The sense key, with the FILEMARK, EOM and ILI bits of sense byte 2 when a
        /// sequential-access unit sets them (<see cref="FailSequential"/>).</summary>
        public int SenseKey { get; private set; }

        /// <summary>(ASC << 8) | ASCQ, SenseData constants.</summary>
        public int SenseCode { get; private set; }

        /// <summary>The information field of the sense data (the failing LBA), when valid.</summary>
        public long SenseInformation { get; private set; }

        public bool SenseInformationValid { get; private set; }

        /// <summary>ILLEGAL REQUEST with a field pointer: the byte of the CDB that was wrong.</summary>
        public int FieldPointer { get; private set; }

        /// <summary>CHECK CONDITION with this sense.</summary>
        public void Fail(int senseKey, int senseCode)
        {
            Status = 0x02;
            SenseKey = senseKey;
            SenseCode = senseCode;
            SenseInformationValid = false;
            FieldPointer = -1;
        }

        /// <summary>CHECK CONDITION with this sense and the failing block address.</summary>
        public void FailAt(int senseKey, int senseCode, long information)
        {
            Fail(senseKey, senseCode);
            SenseInformation = information;
            SenseInformationValid = true;
        }

        /// <summary>FILEMARK in sense byte 2: a read stopped at a tape mark.</summary>
        public const int Filemark = 0x80;

        /// <summary>EOM in sense byte 2: the end of the medium.</summary>
        public const int EndOfMedium = 0x40;

        /// <summary>ILI in sense byte 2: the record was not the length asked for.</summary>
        public const int IncorrectLength = 0x20;

        /// <summary>CHECK CONDITION of a tape: the sense key with FILEMARK, EOM or ILI set, and the
        /// information field (the residue: requested minus actual length).</summary>
        public void FailSequential(int senseKey, int flags, int senseCode, long information)
        {
            FailAt(senseKey | (flags & (Filemark | EndOfMedium | IncorrectLength)), senseCode, information);
        }

        /// <summary>ILLEGAL REQUEST, INVALID FIELD IN CDB, pointing at the offending byte.</summary>
        public void FailField(int cdbByte)
        {
            Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInCdb);
            FieldPointer = cdbByte;
        }

        /// <summary>
        /// Makes the command ready for a unit when it does not come off the bus (the iSCSI gateway
        /// hands a unit the commands of its sessions): the CDB bytes are already in
        /// <see cref="Cdb"/>; the answer is cleared. <paramref name="initiatorId"/> 0-7 keeps
        /// reservations and unit attentions apart per host, -1 is a host without an ID.
        /// </summary>
        public void Prepare(int cdbLength, int lun, int initiatorId)
        {
            Begin();
            CdbLength = cdbLength;
            Lun = lun;
            InitiatorId = initiatorId;
            TargetId = 0;
            MayDisconnect = false;
        }

        internal void Begin()
        {
            Status = 0;
            SenseKey = 0;
            SenseCode = 0;
            SenseInformation = 0;
            SenseInformationValid = false;
            FieldPointer = -1;
        }

        /// <summary>The big-endian field of the CDB at <paramref name="offset"/>, <paramref name="bytes"/> long.</summary>
        public long Field(int offset, int bytes)
        {
            long v = 0;
            for (int i = 0; i < bytes; i++) v = (v << 8) | Cdb[offset + i];
            return v;
        }
    }
}
