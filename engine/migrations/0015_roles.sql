-- Roles (engine::auth::role): what a credential may do in each project it may use. A token's
-- role in the project it was made for is on its row, its role in every other project on the
-- grant's row. Credentials made before roles existed stay admins, as they could do anything.
ALTER TABLE tokens ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'
    CHECK (role IN ('viewer', 'operator', 'admin'));
ALTER TABLE token_grants ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'
    CHECK (role IN ('viewer', 'operator', 'admin'));
ALTER TABLE access_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'
    CHECK (role IN ('viewer', 'operator', 'admin'));
