extension PatientFields {
    /// The kept record's fields after a merge when no field was picked: the kept record's own, each empty one filled
    /// from the other record; reminder channels from both.
    public func filled(from other: PatientFields) -> PatientFields {
        var merged = self
        merged.dateOfBirth = dateOfBirth ?? other.dateOfBirth
        merged.phone = phone ?? other.phone
        merged.email = email ?? other.email
        merged.address = address ?? other.address
        merged.bloodType = bloodType ?? other.bloodType
        merged.medicalNotes = medicalNotes ?? other.medicalNotes
        merged.emergencyContactName = emergencyContactName ?? other.emergencyContactName
        merged.emergencyContactPhone = emergencyContactPhone ?? other.emergencyContactPhone
        for channel in other.notificationChannels where !merged.notificationChannels.contains(channel) {
            merged.notificationChannels.append(channel)
        }
        return merged
    }
}
