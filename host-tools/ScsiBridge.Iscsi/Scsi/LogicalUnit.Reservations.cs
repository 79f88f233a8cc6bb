namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// Reservations between the gateway's initiators, kept here and not passed to the device: on the
/// bus every session is the bridge, so only the gateway can tell one initiator from another.
/// RESERVE/RELEASE(6) (SPC-2) hold per session and end with it; persistent reservations (SPC-3
/// 5.6) are kept per I_T nexus (initiator name and ISID) and outlive sessions, not the gateway.
/// </summary>
internal sealed partial class LogicalUnit
{
    private const int NoOne = -1;
    private const int StatusReservationConflict = 0x18;

    private const int WriteExclusive = 1;
    private const int ExclusiveAccess = 3;
    private const int WriteExclusiveRegistrantsOnly = 5;
    private const int ExclusiveAccessRegistrantsOnly = 6;
    private const int WriteExclusiveAllRegistrants = 7;
    private const int ExclusiveAccessAllRegistrants = 8;

    private readonly object _reservationLock = new object();
    private readonly Dictionary<string, long> _registrations = new Dictionary<string, long>();
    private int _reservedBy = NoOne;          // RESERVE(6): the session slot
    private string? _holder;                  // persistent: the nexus, for the types with one holder
    private int _type;                        // persistent: 0 when none
    private uint _generation;

    /// <summary>RESERVATION CONFLICT for the commands a reservation keeps from this initiator.</summary>
    private bool CheckReservations(ScsiTask task)
    {
        byte op = task.Cdb[0];
        lock (_reservationLock)
        {
            // SPC-2 7.21: another session's RESERVE(6) lets through only these.
            if (_reservedBy != NoOne && _reservedBy != task.Initiator && op is not (0x12 or 0x03 or 0xA0 or 0xA3 or 0x17))
            {
                task.SetStatus(StatusReservationConflict);
                return false;
            }
            if (_type == 0 || AlwaysAllowed(op) || IsHolder(task.Nexus)) return true;
            bool registered = _registrations.ContainsKey(task.Nexus);
            bool exclusive = _type is ExclusiveAccess or ExclusiveAccessRegistrantsOnly or ExclusiveAccessAllRegistrants;
            bool registrantsMay = _type is WriteExclusiveRegistrantsOnly or ExclusiveAccessRegistrantsOnly;
            if (registrantsMay && registered) return true;
            if (op is 0x16 or 0x17 || IsWrite(op) || (exclusive && IsRead(op)))
            {
                task.SetStatus(StatusReservationConflict);
                return false;
            }
            return true;
        }
    }

    private bool IsHolder(string nexus) =>
        _type is WriteExclusiveAllRegistrants or ExclusiveAccessAllRegistrants ? _registrations.ContainsKey(nexus) : _holder == nexus;

    private static bool AlwaysAllowed(byte op) => op is 0x12 or 0x03 or 0xA0 or 0xA3 or 0x5E or 0x5F or 0x00 or 0x25 or 0x9E or 0x1A or 0x5A;

    private static bool IsRead(byte op) => op is 0x08 or 0x28 or 0xA8 or 0x88 or 0x2F or 0xAF or 0x8F or 0x34 or 0x90 or 0x3C;

    private static bool IsWrite(byte op) => op is 0x0A or 0x2A or 0xAA or 0x8A or 0x2E or 0xAE or 0x8E or 0x41 or 0x93 or 0x8B
                                                 or 0x15 or 0x55 or 0x04 or 0x35 or 0x91 or 0x3B or 0x1B or 0x1E;

    private void Reserve(ScsiTask task)
    {
        if ((task.Cdb[1] & 0x01) != 0)
        {
            task.FailField(1);  // extent reservations: obsolete
            return;
        }
        lock (_reservationLock)
        {
            if (_type != 0 || (_reservedBy != NoOne && _reservedBy != task.Initiator)) task.SetStatus(StatusReservationConflict);
            else _reservedBy = task.Initiator;
        }
    }

    private void Release(ScsiTask task)
    {
        lock (_reservationLock)
        {
            if (_reservedBy == task.Initiator) _reservedBy = NoOne;
        }
    }

    /// <summary>The session in this initiator slot ended: its RESERVE(6) ends too.</summary>
    public void SessionEnded(int initiator)
    {
        lock (_reservationLock)
        {
            if (_reservedBy == initiator) _reservedBy = NoOne;
        }
    }

    /// <summary>A reset ends RESERVE(6); persistent reservations survive it (SPC-3 5.6.1).</summary>
    private void ReleaseAll()
    {
        lock (_reservationLock) _reservedBy = NoOne;
    }

    private void PersistentReserveIn(ScsiTask task)
    {
        byte[] cdb = task.Cdb;
        int allocation = Cdb.U16(cdb, 7);
        byte[] data;
        lock (_reservationLock)
        {
            switch (cdb[1] & 0x1F)
            {
                case 0:  // READ KEYS
                {
                    data = new byte[8 + 8 * _registrations.Count];
                    Cdb.Put32(data, 0, _generation);
                    Cdb.Put32(data, 4, 8 * _registrations.Count);
                    int p = 8;
                    foreach (long key in _registrations.Values)
                    {
                        Cdb.Put64(data, p, key);
                        p += 8;
                    }
                    break;
                }
                case 1:  // READ RESERVATION
                {
                    data = new byte[_type == 0 ? 8 : 24];
                    Cdb.Put32(data, 0, _generation);
                    if (_type != 0)
                    {
                        Cdb.Put32(data, 4, 16);
                        bool all = _type is WriteExclusiveAllRegistrants or ExclusiveAccessAllRegistrants;
                        Cdb.Put64(data, 8, all ? 0 : _registrations.GetValueOrDefault(_holder!));
                        data[21] = (byte)_type;
                    }
                    break;
                }
                case 2:  // REPORT CAPABILITIES
                {
                    data = new byte[8];
                    Cdb.Put16(data, 0, 8);
                    data[2] = 0x10;           // CRH: RESERVE/RELEASE(6) meet persistent reservations as SPC-3 5.6.3 says
                    data[3] = 0x80;           // TMV: the type mask is valid
                    data[4] = 0x80 | 0x40 | 0x20 | 0x08 | 0x02;  // WR_EX_AR, EX_AC_RO, WR_EX_RO, EX_AC, WR_EX
                    data[5] = 0x01;           // EX_AC_AR
                    break;
                }
                case 3:  // READ FULL STATUS
                    data = FullStatus();
                    break;
                default:
                    task.FailField(1);
                    return;
            }
        }
        task.SetDataIn(data, Math.Min(data.Length, allocation));
    }

    private void PersistentReserveOut(ScsiTask task)
    {
        byte[] cdb = task.Cdb;
        int action = cdb[1] & 0x1F;
        int scope = cdb[2] >> 4;
        int type = cdb[2] & 0x0F;
        long length = Cdb.U32(cdb, 5);
        task.DataOutWanted = (int)Math.Min(length, int.MaxValue);
        if (action > 6)
        {
            task.FailField(1);  // REGISTER AND MOVE and beyond: not offered
            return;
        }
        if (length != 24 || task.DataOutLength < 24)
        {
            task.Fail(Sense.IllegalRequest, Sense.ParameterListLengthError);
            return;
        }
        byte[] p = task.DataOut;
        long key = Cdb.U64(p, 0);
        long actionKey = Cdb.U64(p, 8);
        if ((p[20] & 0x0D) != 0)
        {
            // SPEC_I_PT and APTPL are not offered (ALL_TG_PT is moot: the target has one port).
            task.Fail(Sense.Build(Sense.IllegalRequest, Sense.InvalidFieldInParameterList, null, 20, false));
            return;
        }
        string me = task.Nexus;
        lock (_reservationLock)
        {
            bool registered = _registrations.TryGetValue(me, out long mine);
            if (action == 0 || action == 6)
            {
                if (action == 0 && (registered ? key != mine : key != 0))
                {
                    task.SetStatus(StatusReservationConflict);
                    return;
                }
                if (actionKey == 0)
                {
                    if (registered) Unregister(me);
                }
                else
                {
                    _registrations[me] = actionKey;
                }
                _generation++;
                return;
            }
            if (!registered || key != mine)
            {
                task.SetStatus(StatusReservationConflict);
                return;
            }
            bool validType = type is WriteExclusive or ExclusiveAccess or WriteExclusiveRegistrantsOnly or ExclusiveAccessRegistrantsOnly
                             or WriteExclusiveAllRegistrants or ExclusiveAccessAllRegistrants;
            switch (action)
            {
                case 1:  // RESERVE
                    if (scope != 0 || !validType)
                    {
                        task.FailField(2);
                        return;
                    }
                    if (_type == 0)
                    {
                        _type = type;
                        _holder = me;
                    }
                    else if (!IsHolder(me) || _type != type)
                    {
                        task.SetStatus(StatusReservationConflict);
                    }
                    return;
                case 2:  // RELEASE
                    if (_type == 0 || !IsHolder(me)) return;
                    if (_type != type || scope != 0)
                    {
                        task.Fail(Sense.IllegalRequest, 0x2604);  // INVALID RELEASE OF PERSISTENT RESERVATION
                        return;
                    }
                    _type = 0;
                    _holder = null;
                    return;
                case 3:  // CLEAR
                    _registrations.Clear();
                    _type = 0;
                    _holder = null;
                    _generation++;
                    return;
                default:  // PREEMPT, PREEMPT AND ABORT (no task is ever waiting here to abort)
                {
                    if (scope != 0 || !validType)
                    {
                        task.FailField(2);
                        return;
                    }
                    var victims = _registrations.Where(r => r.Value == actionKey && r.Key != me).Select(r => r.Key).ToList();
                    bool holderHit = _type != 0 && _holder != null && _registrations.GetValueOrDefault(_holder) == actionKey;
                    if (victims.Count == 0 && !holderHit)
                    {
                        task.SetStatus(StatusReservationConflict);
                        return;
                    }
                    foreach (string v in victims) _registrations.Remove(v);
                    if (holderHit || _type == 0)
                    {
                        _type = type;
                        _holder = me;
                    }
                    _generation++;
                    return;
                }
            }
        }
    }

    /// <summary>READ FULL STATUS (SPC-3 6.11.5): a descriptor per registration, with the iSCSI
    /// TransportID of its initiator port (name and ISID, format 01b).</summary>
    private byte[] FullStatus()
    {
        var descriptors = new List<byte[]>();
        foreach (var (nexus, key) in _registrations)
        {
            byte[] name = System.Text.Encoding.UTF8.GetBytes(nexus);
            int idLength = (4 + name.Length + 1 + 3) & ~3;  // NUL-terminated, a multiple of four
            byte[] d = new byte[24 + idLength];
            Cdb.Put64(d, 0, key);
            if (IsHolder(nexus))
            {
                d[12] = 0x01;  // R_HOLDER
                d[13] = (byte)_type;
            }
            Cdb.Put16(d, 18, 1);              // relative target port 1: the one portal group
            Cdb.Put32(d, 20, idLength);
            d[24] = 0x45;                     // format 01b, protocol 5 (iSCSI)
            Cdb.Put16(d, 26, idLength - 4);
            name.CopyTo(d, 28);
            descriptors.Add(d);
        }
        int total = descriptors.Sum(d => d.Length);
        byte[] data = new byte[8 + total];
        Cdb.Put32(data, 0, _generation);
        Cdb.Put32(data, 4, total);
        int p = 8;
        foreach (byte[] d in descriptors)
        {
            d.CopyTo(data, p);
            p += d.Length;
        }
        return data;
    }

    /// <summary>Drops a registration; its holder's reservation (or the last registrant's) goes with it.</summary>
    private void Unregister(string nexus)
    {
        _registrations.Remove(nexus);
        bool all = _type is WriteExclusiveAllRegistrants or ExclusiveAccessAllRegistrants;
        if ((!all && _holder == nexus) || (all && _registrations.Count == 0))
        {
            _type = 0;
            _holder = null;
        }
    }
}
