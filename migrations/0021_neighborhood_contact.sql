-- The committee's phone of a neighborhood (居委会电话), printed on each of its QR posters under
-- the committee's name, for residents who cannot scan (issue 13, point 12). Empty until an admin
-- sets it; a poster without one leaves that line out.
ALTER TABLE neighborhoods ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
