// TechnicianBooking module
